import { bundleHarness } from "../support/bundle";

/** The everyday steps as they ship: the built bundle, through Spectral's harness. */
export const everyday = bundleHarness();
