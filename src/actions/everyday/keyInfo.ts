/**
 * What Get API Key Info may show of the key. xAI's `redacted_api_key` echoes the key's first and
 * last 4 characters ("xai-...b14o"), its own masking in the console. That stays only when it
 * cannot give the key away: the echoed form must be `<start>...<end>` of this very key with at
 * least MIN_HIDDEN characters hidden. Anything else (a short key, a longer echo, the whole key)
 * becomes [REDACTED]; every other field is redacted by value like any result.
 */

import { REDACTED } from "../../errors/redact";
import { isJsonObject } from "../../inputs/clean";

/** 16 hidden characters of a random key are ~95 bits: the echoed 8 cannot lead back to it. */
const MIN_HIDDEN = 16;
const ELLIPSIS = "...";

/** True when `shown` is xAI's prefix...suffix masking of `key` with enough hidden. */
export function isSafeMask(shown: unknown, key: string): boolean {
  if (typeof shown !== "string") return false;
  const at = shown.indexOf(ELLIPSIS);
  if (at < 0 || shown.indexOf(ELLIPSIS, at + 1) >= 0) return false;
  const start = shown.slice(0, at);
  const end = shown.slice(at + ELLIPSIS.length);
  return (
    key.startsWith(start) &&
    key.endsWith(end) &&
    key.length - start.length - end.length >= MIN_HIDDEN
  );
}

/**
 * xAI's answer with the call's secrets cut out (`redacted`, from the client's one redaction of
 * results), and the masked key kept only if safe.
 */
export function withSafeMask(answer: unknown, redacted: unknown, key: string): unknown {
  if (!isJsonObject(answer) || !isJsonObject(redacted) || !("redacted_api_key" in answer)) {
    return redacted;
  }
  const mask = answer.redacted_api_key;
  return { ...redacted, redacted_api_key: isSafeMask(mask, key) ? mask : REDACTED };
}
