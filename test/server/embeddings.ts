import { createHash } from "node:crypto";
import { systemFingerprint } from "./ids";
import { errorPlan, jsonPlan } from "./plans";
import type { PlannedResponse } from "./responseWriter";
import { tokenizeText } from "./tokenize";
import { invalidTypeError, missingFieldError, type XaiError, xaiError } from "./xaiErrors";

/**
 * `POST /v1/embeddings` with deterministic unit vectors, and the embedding model list
 * (`GET /v1/embedding-models`, `GET /v1/embedding-models/{id}`).
 * https://docs.x.ai/docs/api-reference#create-embeddings
 */

/** `EmbeddingModel` from xAI's OpenAPI description (prices in USD cents per million tokens). */
export interface EmbeddingModel {
  id: string;
  fingerprint: string;
  created: number;
  object: "model";
  owned_by: string;
  version: string;
  input_modalities: string[];
  output_modalities: string[];
  prompt_text_token_price: number;
  prompt_image_token_price: number;
  aliases: string[];
}

interface EmbeddingCatalogueEntry {
  id: string;
  aliases: string[];
  created: number;
  version: string;
  price: number;
  /** Length of the vectors when the request sets no `dimensions`. */
  dimensions: number;
}

const EMBEDDING_CATALOGUE: readonly EmbeddingCatalogueEntry[] = [
  { id: "v1", aliases: [], created: 1725148800, version: "0.1.0", price: 100, dimensions: 1024 },
  {
    id: "grok-embedding-small",
    aliases: ["grok-embedding-small-latest"],
    created: 1767225600,
    version: "1.0.0",
    price: 50,
    dimensions: 256,
  },
];

/** Vector components are rounded like xAI's (8 decimals). */
const DECIMALS = 8;

function toEmbeddingModel(entry: EmbeddingCatalogueEntry): EmbeddingModel {
  return {
    id: entry.id,
    fingerprint: systemFingerprint(entry.id),
    created: entry.created,
    object: "model",
    owned_by: "xai",
    version: entry.version,
    input_modalities: ["text"],
    output_modalities: ["embedding"],
    prompt_text_token_price: entry.price,
    prompt_image_token_price: 0,
    aliases: [...entry.aliases],
  };
}

function findEntry(idOrAlias: string): EmbeddingCatalogueEntry | undefined {
  return EMBEDDING_CATALOGUE.find(
    (entry) => entry.id === idOrAlias || entry.aliases.includes(idOrAlias),
  );
}

export function listEmbeddingModelsResponse(): { models: EmbeddingModel[] } {
  return { models: EMBEDDING_CATALOGUE.map(toEmbeddingModel) };
}

export function findEmbeddingModel(idOrAlias: string): EmbeddingModel | undefined {
  const entry = findEntry(idOrAlias);
  return entry ? toEmbeddingModel(entry) : undefined;
}

/**
 * A unit vector derived from (model, text): the same text always embeds the same way, and a
 * shorter `dimensions` is the longer vector's prefix, renormalised.
 */
export function embeddingVector(model: string, text: string, dimensions: number): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${model}\u0000${text}\u0000${block}`).digest();
    for (let offset = 0; offset < digest.length && raw.length < dimensions; offset += 2) {
      raw.push(digest.readUInt16BE(offset) / 32767.5 - 1);
    }
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Number((value / norm).toFixed(DECIMALS)));
}

function base64Of(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** Inputs as texts: a string, strings, or token arrays (embedded by their JSON text). */
function inputTexts(input: unknown): string[] | undefined {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input)) return undefined;
  if (input.length === 0) return [];
  if (input.every((entry) => typeof entry === "number")) return [JSON.stringify(input)];
  if (input.every((entry) => typeof entry === "string" || Array.isArray(entry))) {
    return input.map((entry) => (typeof entry === "string" ? entry : JSON.stringify(entry)));
  }
  return undefined;
}

function validate(
  body: Record<string, unknown>,
  entry: EmbeddingCatalogueEntry,
): XaiError | undefined {
  const { dimensions, encoding_format: format } = body;
  if (dimensions !== undefined && dimensions !== null) {
    const valid =
      typeof dimensions === "number" &&
      Number.isInteger(dimensions) &&
      dimensions >= 1 &&
      dimensions <= entry.dimensions;
    if (!valid) {
      return xaiError(
        400,
        `Invalid request: dimensions must be an integer between 1 and ${entry.dimensions} for model ${entry.id}.`,
      );
    }
  }
  if (format !== undefined && format !== null && format !== "float" && format !== "base64") {
    return xaiError(400, "Invalid request: encoding_format must be 'float' or 'base64'.");
  }
  return undefined;
}

export function embeddingsPlan(body: Record<string, unknown>): PlannedResponse {
  if (body.model === undefined || body.model === null) return errorPlan(missingFieldError("model"));
  if (typeof body.model !== "string") return errorPlan(invalidTypeError("model", "a string"));
  if (body.input === undefined || body.input === null) return errorPlan(missingFieldError("input"));
  const texts = inputTexts(body.input);
  if (!texts) return errorPlan(invalidTypeError("input", "a string or a sequence"));
  if (texts.length === 0)
    return errorPlan(xaiError(400, "Invalid request: input must not be empty."));
  const entry = findEntry(body.model);
  if (!entry) {
    const message = `The model ${body.model} does not exist or your team does not have access to it.`;
    return errorPlan(xaiError(404, message));
  }
  const error = validate(body, entry);
  if (error) return errorPlan(error);
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : entry.dimensions;
  const data = texts.map((text, index) => {
    const vector = embeddingVector(entry.id, text, dimensions);
    const embedding = body.encoding_format === "base64" ? base64Of(vector) : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = texts.reduce((sum, text) => sum + tokenizeText(text).length, 0);
  return jsonPlan(200, {
    object: "list",
    model: entry.id,
    data,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
