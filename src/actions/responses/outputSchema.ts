import { xaiOutputWith } from "../outputs";

/** xAI's `ModelResponse` with the `output_text` and `output_parsed` that Create and Get Response add. */
export const responseOutput = (parsedDescription: string) =>
  xaiOutputWith("ModelResponse", {
    output_text: {
      type: "string",
      description:
        "The text of every output_text part of the assistant's messages, joined in order.",
    },
    output_parsed: { description: parsedDescription },
  });
