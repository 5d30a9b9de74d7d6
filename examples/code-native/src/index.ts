import { integration } from "@prismatic-io/spectral";
import { componentRegistry } from "./componentRegistry";
import { configPages } from "./configPages";
import flows from "./flows";

/**
 * A minimal code-native integration that uses the xAI Grok component from its npm package.
 * @see https://prismatic.io/docs/integrations/code-native/
 */
export default integration({
  name: "xAI Grok example",
  description: "Asks xAI Grok a question through the xAI Grok component's npm package",
  iconPath: "icon.png",
  flows,
  configPages,
  componentRegistry,
});
