import axios from "axios";
import { JSON_HEADERS, loadComponent } from "./clients";
import { type Figures, type Measurement, measureRun } from "./measureRun";
import { readInput, runWorkerMain } from "./workerIo";

/**
 * Benchmark 4, one measurement per process: Generate Image with `n` base64 images of
 * `b64Chars` characters each, through the component (axios with the 256 MiB media body limit,
 * `responseType: "json"`) or through a plain axios call that parses the same JSON response.
 */

export type ImageClient = "component" | "axios";

export interface ImageInput {
  bundle: string;
  baseUrl: string;
  client: ImageClient;
  n: number;
  b64Chars: number;
  measurement: Measurement;
}

export interface ImageResult extends Figures {
  /** Size of the JSON response body. */
  responseBytes: number;
}

type Images = { b64_json?: string }[];

interface ImagesAnswer {
  data: Images;
}

const promptFor = (b64Chars: number) => `A lighthouse at dawn size:${b64Chars}`;
const RESPONSE_FORMAT = "b64_json";

/** Loads only the client being measured, so the other one's memory is not in the process. */
const generators = (bundle: string, baseUrl: string) =>
  ({
    component: () => {
      const component = loadComponent(bundle, baseUrl);
      return async (n: number, b64Chars: number) => {
        const result = await component.action("generateImage", {
          prompt: promptFor(b64Chars),
          n: String(n),
          additionalFields: JSON.stringify({ response_format: RESPONSE_FORMAT }),
        });
        // The step returns xAI's `data` array itself.
        return result?.data as Images;
      };
    },
    axios: () => async (n: number, b64Chars: number) => {
      const body = { prompt: promptFor(b64Chars), n, response_format: RESPONSE_FORMAT };
      const response = await axios.post<ImagesAnswer>(`${baseUrl}/images/generations`, body, {
        headers: JSON_HEADERS,
      });
      return response.data.data;
    },
  }) satisfies Record<ImageClient, () => (n: number, b64Chars: number) => Promise<Images>>;

const checkImages = (images: Images, n: number, b64Chars: number): void => {
  const lengths = images.map((image) => image.b64_json?.length ?? 0);
  if (lengths.length !== n || lengths.some((length) => length !== b64Chars)) {
    throw new Error(`expected ${n} images of ${b64Chars} characters, got ${lengths.join(", ")}`);
  }
};

const main = async (): Promise<ImageResult> => {
  const { bundle, baseUrl, client, n, b64Chars, measurement } = readInput<ImageInput>();
  const generate = generators(bundle, baseUrl)[client]();
  // Warm up with tiny images so the measured call runs warm code.
  checkImages(await generate(2, 100), 2, 100);
  const { result, figures } = await measureRun(measurement, () => generate(n, b64Chars));
  checkImages(result, n, b64Chars);
  // What the server sent: `{"data":[...]}` around the images.
  return { ...figures, responseBytes: Buffer.byteLength(JSON.stringify({ data: result })) };
};

runWorkerMain(main);
