import { systemFingerprint } from "./ids";

/**
 * The fake xAI model catalogue: the one source of truth for `/v1/models`,
 * `/v1/language-models` and `/v1/image-generation-models`.
 * Token prices are in USD cents per 100 million tokens ($2.00 per million tokens = 20000);
 * `image_price` is in USD cents; `price_per_image` in 1/100,000,000ths of a USD cent (per the spec).
 * https://docs.x.ai/docs/api-reference#list-models
 */

export interface ModelCapabilities {
  reasoning_effort: string[];
  default_reasoning_effort?: string | null;
}

export interface ImagePricingTier {
  quality: "low" | "medium" | "high";
  resolution: "1k" | "1.5k" | "2k";
  price_per_image: number;
}

interface TokenPrices {
  prompt_text_token_price: number;
  cached_prompt_text_token_price: number;
  prompt_image_token_price: number;
  completion_text_token_price: number;
  search_price: number;
  /** 0 means "no long-context tier" (the spec's convention). */
  prompt_text_token_price_long_context: number;
  cached_prompt_text_token_price_long_context: number;
  completion_text_token_price_long_context: number;
  long_context_threshold: number;
}

interface CatalogueEntryBase {
  id: string;
  aliases: string[];
  created: number;
  version: string;
  input_modalities: string[];
  output_modalities: string[];
}

export interface LanguageCatalogueEntry extends CatalogueEntryBase {
  kind: "language";
  context_length: number;
  prices: TokenPrices;
  capabilities?: ModelCapabilities;
}

export interface ImageCatalogueEntry extends CatalogueEntryBase {
  kind: "image";
  image_price: number;
  max_prompt_length: number;
  pricing?: ImagePricingTier[];
}

export type CatalogueEntry = LanguageCatalogueEntry | ImageCatalogueEntry;

/** `Model` from `/v1/models` (OpenAI-compatible, with xAI's optional pricing fields). */
export interface Model {
  id: string;
  created: number;
  object: "model";
  owned_by: string;
  aliases: string[];
  context_length?: number;
  prompt_text_token_price?: number;
  cached_prompt_text_token_price?: number;
  prompt_image_token_price?: number;
  completion_text_token_price?: number;
  prompt_text_token_price_long_context?: number;
  cached_prompt_text_token_price_long_context?: number;
  completion_text_token_price_long_context?: number;
  long_context_threshold?: number;
  capabilities?: ModelCapabilities;
  image_price?: number;
  pricing?: ImagePricingTier[];
}

export interface ListModelsResponse {
  object: "list";
  data: Model[];
}

export interface LanguageModel extends TokenPrices {
  id: string;
  fingerprint: string;
  created: number;
  object: "model";
  owned_by: string;
  version: string;
  input_modalities: string[];
  output_modalities: string[];
  aliases: string[];
  capabilities?: ModelCapabilities;
}

export interface ImageGenerationModel {
  id: string;
  fingerprint: string;
  max_prompt_length: number;
  created: number;
  object: "model";
  owned_by: string;
  version: string;
  input_modalities: string[];
  output_modalities: string[];
  image_price: number;
  aliases: string[];
  pricing?: ImagePricingTier[];
}

const OWNER = "xai";
/** $25 per 1,000 sources, in USD cents per 100 million searches. */
const SEARCH_PRICE = 250_000_000;

function flatPrices(prompt: number, cached: number, completion: number, image: number) {
  return {
    prompt_text_token_price: prompt,
    cached_prompt_text_token_price: cached,
    prompt_image_token_price: image,
    completion_text_token_price: completion,
    search_price: SEARCH_PRICE,
    prompt_text_token_price_long_context: 0,
    cached_prompt_text_token_price_long_context: 0,
    completion_text_token_price_long_context: 0,
    long_context_threshold: 0,
  } satisfies TokenPrices;
}

function withLongContext(prices: TokenPrices, threshold: number): TokenPrices {
  return {
    ...prices,
    prompt_text_token_price_long_context: prices.prompt_text_token_price * 2,
    cached_prompt_text_token_price_long_context: prices.cached_prompt_text_token_price * 2,
    completion_text_token_price_long_context: prices.completion_text_token_price * 2,
    long_context_threshold: threshold,
  };
}

/** Listed in this (deliberately unsorted) order by `/v1/models`. */
export const MODEL_CATALOGUE: readonly CatalogueEntry[] = [
  {
    kind: "language",
    id: "grok-3-mini",
    aliases: [
      "grok-3-mini-latest",
      "grok-3-mini-beta",
      "grok-3-mini-fast",
      "grok-3-mini-fast-latest",
    ],
    created: 1743724800,
    version: "1.0.0",
    input_modalities: ["text"],
    output_modalities: ["text"],
    context_length: 131072,
    prices: flatPrices(3000, 750, 5000, 0),
    capabilities: { reasoning_effort: ["low", "high"], default_reasoning_effort: "low" },
  },
  {
    kind: "language",
    id: "grok-4.3",
    aliases: ["grok-4.3-latest", "grok-latest"],
    created: 1772323200,
    version: "1.0.0",
    input_modalities: ["text", "image"],
    output_modalities: ["text"],
    context_length: 1_000_000,
    prices: withLongContext(flatPrices(20000, 5000, 100000, 20000), 200_000),
    capabilities: {
      reasoning_effort: ["low", "medium", "high"],
      default_reasoning_effort: "medium",
    },
  },
  {
    kind: "image",
    id: "grok-2-image-1212",
    aliases: ["grok-2-image", "grok-2-image-latest"],
    created: 1736726400,
    version: "1.0.0",
    input_modalities: ["text"],
    output_modalities: ["image"],
    image_price: 7,
    max_prompt_length: 1024,
  },
  {
    kind: "language",
    id: "grok-code-fast-1",
    aliases: ["grok-code-fast", "grok-code-fast-1-0825"],
    created: 1756166400,
    version: "1.0.0",
    input_modalities: ["text"],
    output_modalities: ["text"],
    context_length: 256_000,
    prices: flatPrices(2000, 200, 15000, 0),
  },
  {
    kind: "language",
    id: "grok-3",
    aliases: ["grok-3-latest", "grok-3-beta", "grok-3-fast", "grok-3-fast-latest"],
    created: 1743724800,
    version: "1.0.0",
    input_modalities: ["text"],
    output_modalities: ["text"],
    context_length: 131072,
    prices: flatPrices(30000, 7500, 150000, 0),
  },
  {
    kind: "image",
    id: "grok-imagine-image",
    aliases: ["grok-imagine-image-latest"],
    created: 1769990400,
    version: "1.0.0",
    input_modalities: ["text", "image"],
    output_modalities: ["image"],
    image_price: 2,
    max_prompt_length: 8192,
    pricing: [
      { quality: "low", resolution: "1k", price_per_image: 100_000_000 },
      { quality: "medium", resolution: "1k", price_per_image: 200_000_000 },
      { quality: "high", resolution: "1k", price_per_image: 400_000_000 },
      { quality: "high", resolution: "2k", price_per_image: 700_000_000 },
    ],
  },
  {
    kind: "language",
    id: "grok-4-fast-non-reasoning",
    aliases: ["grok-4-fast-non-reasoning-latest"],
    created: 1758240000,
    version: "1.0.0",
    input_modalities: ["text", "image"],
    output_modalities: ["text"],
    context_length: 2_000_000,
    prices: withLongContext(flatPrices(2000, 500, 5000, 2000), 128_000),
  },
  {
    kind: "language",
    id: "grok-4-fast-reasoning",
    aliases: ["grok-4-fast", "grok-4-fast-reasoning-latest"],
    created: 1758240000,
    version: "1.0.0",
    input_modalities: ["text", "image"],
    output_modalities: ["text"],
    context_length: 2_000_000,
    prices: withLongContext(flatPrices(2000, 500, 5000, 2000), 128_000),
  },
];

/** Finds a catalogue entry by id or alias (exact match, as xAI does). */
export function findCatalogueEntry(idOrAlias: string): CatalogueEntry | undefined {
  return MODEL_CATALOGUE.find(
    (entry) => entry.id === idOrAlias || entry.aliases.includes(idOrAlias),
  );
}

export function toModel(entry: CatalogueEntry): Model {
  const base = {
    id: entry.id,
    created: entry.created,
    object: "model" as const,
    owned_by: OWNER,
    aliases: [...entry.aliases],
  };
  if (entry.kind === "image") {
    const model: Model = { ...base, image_price: entry.image_price };
    if (entry.pricing) model.pricing = entry.pricing.map((tier) => ({ ...tier }));
    return model;
  }
  const { search_price: _searchPrice, ...prices } = entry.prices;
  const model: Model = { ...base, context_length: entry.context_length, ...prices };
  if (entry.capabilities) model.capabilities = { ...entry.capabilities };
  return model;
}

/** The fields /language-models and /image-generation-models share. */
function describedModel(entry: CatalogueEntryBase) {
  return {
    id: entry.id,
    fingerprint: systemFingerprint(entry.id),
    created: entry.created,
    object: "model" as const,
    owned_by: OWNER,
    version: entry.version,
    input_modalities: [...entry.input_modalities],
    output_modalities: [...entry.output_modalities],
  };
}

function toLanguageModel(entry: LanguageCatalogueEntry): LanguageModel {
  const model: LanguageModel = {
    ...describedModel(entry),
    ...entry.prices,
    aliases: [...entry.aliases],
  };
  if (entry.capabilities) model.capabilities = { ...entry.capabilities };
  return model;
}

function toImageGenerationModel(entry: ImageCatalogueEntry): ImageGenerationModel {
  const model: ImageGenerationModel = {
    ...describedModel(entry),
    max_prompt_length: entry.max_prompt_length,
    image_price: entry.image_price,
    aliases: [...entry.aliases],
  };
  if (entry.pricing) model.pricing = entry.pricing.map((tier) => ({ ...tier }));
  return model;
}

function isLanguage(entry: CatalogueEntry): entry is LanguageCatalogueEntry {
  return entry.kind === "language";
}

function isImage(entry: CatalogueEntry): entry is ImageCatalogueEntry {
  return entry.kind === "image";
}

export function listModelsResponse(): ListModelsResponse {
  return { object: "list", data: MODEL_CATALOGUE.map(toModel) };
}

export function listLanguageModelsResponse(): { models: LanguageModel[] } {
  return { models: MODEL_CATALOGUE.filter(isLanguage).map(toLanguageModel) };
}

export function listImageGenerationModelsResponse(): { models: ImageGenerationModel[] } {
  return { models: MODEL_CATALOGUE.filter(isImage).map(toImageGenerationModel) };
}

export function findLanguageModel(idOrAlias: string): LanguageModel | undefined {
  const entry = findCatalogueEntry(idOrAlias);
  return entry && isLanguage(entry) ? toLanguageModel(entry) : undefined;
}

export function findImageGenerationModel(idOrAlias: string): ImageGenerationModel | undefined {
  const entry = findCatalogueEntry(idOrAlias);
  return entry && isImage(entry) ? toImageGenerationModel(entry) : undefined;
}

/** Grok Imagine video models (`/v1/video-generation-models`). */
export interface VideoCatalogueEntry extends CatalogueEntryBase {
  kind: "video";
}

export interface VideoGenerationModel {
  id: string;
  fingerprint: string;
  created: number;
  object: "model";
  owned_by: string;
  version: string;
  input_modalities: string[];
  output_modalities: string[];
  aliases: string[];
}

/** Kept out of MODEL_CATALOGUE so `/v1/models` answers as it always did. */
export const VIDEO_MODEL_CATALOGUE: readonly VideoCatalogueEntry[] = [
  {
    kind: "video",
    id: "grok-imagine-video",
    aliases: [],
    created: 1769990400,
    version: "1.0.0",
    input_modalities: ["text", "image", "video"],
    output_modalities: ["video"],
  },
];

function toVideoGenerationModel(entry: VideoCatalogueEntry): VideoGenerationModel {
  return { ...describedModel(entry), aliases: [...entry.aliases] };
}

export function listVideoGenerationModelsResponse(): { models: VideoGenerationModel[] } {
  return { models: VIDEO_MODEL_CATALOGUE.map(toVideoGenerationModel) };
}

export function findVideoGenerationModel(idOrAlias: string): VideoGenerationModel | undefined {
  const entry = VIDEO_MODEL_CATALOGUE.find(
    (candidate) => candidate.id === idOrAlias || candidate.aliases.includes(idOrAlias),
  );
  return entry && toVideoGenerationModel(entry);
}
