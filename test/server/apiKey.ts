import type { IncomingHttpHeaders } from "node:http";
import { stableHash, uuidFromHash } from "./ids";

/**
 * `GET /v1/api-key`: what xAI knows about the key a request is made with. Like xAI it echoes part
 * of the key: `redacted_api_key` keeps the first 4 and last 4 characters ("xai-...b14o").
 * A key containing "blocked" or "disabled" is reported as such, for connection-check tests.
 * https://docs.x.ai/docs/api-reference#get-api-key-info
 */

export interface ApiKeyInfo {
  redacted_api_key: string;
  user_id: string;
  name: string;
  create_time: string;
  modify_time: string;
  modified_by: string;
  team_id: string;
  acls: string[];
  api_key_id: string;
  team_blocked: boolean;
  api_key_blocked: boolean;
  api_key_disabled: boolean;
}

/** Same timestamp as ids.ts's FIXED_CREATED, in the RFC 3339 form xAI uses here. */
const FIXED_TIME = "2026-01-01T00:00:00.000000Z";

export function bearerToken(headers: IncomingHttpHeaders): string {
  return /^Bearer +(\S+) *$/i.exec(headers.authorization ?? "")?.[1] ?? "";
}

export function apiKeyInfo(token: string): ApiKeyInfo {
  const id = (what: string) => uuidFromHash(stableHash(`${what}:${token}`));
  const userId = id("user");
  return {
    redacted_api_key: `${token.slice(0, 4)}...${token.slice(-4)}`,
    user_id: userId,
    name: "Local test key",
    create_time: FIXED_TIME,
    modify_time: FIXED_TIME,
    modified_by: userId,
    team_id: id("team"),
    acls: ["api-key:model:*", "api-key:endpoint:*"],
    api_key_id: id("key"),
    team_blocked: false,
    api_key_blocked: token.includes("blocked"),
    api_key_disabled: token.includes("disabled"),
  };
}
