/**
 * The prompt grammar that scripts the fake Responses API (read from the last user message; words
 * are case-sensitive so ordinary prose does not trigger them):
 *
 *   CALL <tool_name> <json-arguments>   one line per call: answer with function_call items (only
 *                                       when the request offers at least one function tool; the
 *                                       name is not checked, so unknown-tool handling can be tested;
 *                                       arguments default to {} and are sent compacted)
 *   CALL_RAW <tool_name> <text>         like CALL, but `arguments` is <text> as is (not JSON)
 *   CHAIN <n>                           keep calling the first offered function tool until n calls
 *                                       were made in this turn (the previous_response_id chain, or
 *                                       the items sent back), then answer with text
 *   NONCONFORMING                       with text.format json_schema: a JSON object that breaks the
 *                                       schema (a required field missing)
 *   INCOMPLETE                          status "incomplete" (max_output_tokens), half the text
 *   FAIL_STREAM                         stream only: an `error` event midway, then the stream ends
 *   FAIL_RESPONSE                       status "failed" with an `error`; streams end in response.failed
 *
 * When the turn already holds function_call_output items (and no chain is pending) the answer is
 * text that quotes every output, so tests can check the results were sent back.
 * Server-side tools (web_search, x_search, code_interpreter, file_search, mcp) in `tools` each add
 * one completed call item before the answer; search tools add citations.
 */

export interface DirectedCall {
  name: string;
  arguments: string;
}

export interface Directives {
  calls: DirectedCall[];
  chain: number | undefined;
  nonconforming: boolean;
  incomplete: boolean;
  failStream: boolean;
  failResponse: boolean;
}

function compactJson(text: string): string {
  if (text === "") return "{}";
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    // Not JSON after all: sent as typed, like CALL_RAW.
    return text;
  }
}

function readCall(line: string): DirectedCall | undefined {
  const match = /^\s*(CALL|CALL_RAW)\s+(\S+)[ \t]*(.*)$/.exec(line);
  if (!match) return undefined;
  const [, keyword, name, rest] = match;
  return { name, arguments: keyword === "CALL_RAW" ? rest : compactJson(rest.trim()) };
}

export function readDirectives(userText: string): Directives {
  const calls: DirectedCall[] = [];
  for (const line of userText.split(/\r?\n/)) {
    const call = readCall(line);
    if (call) calls.push(call);
  }
  const chain = /\bCHAIN\s+(\d+)\b/.exec(userText);
  return {
    calls,
    chain: chain ? Number(chain[1]) : undefined,
    nonconforming: userText.includes("NONCONFORMING"),
    incomplete: userText.includes("INCOMPLETE"),
    failStream: userText.includes("FAIL_STREAM"),
    failResponse: userText.includes("FAIL_RESPONSE"),
  };
}
