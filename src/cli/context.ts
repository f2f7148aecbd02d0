import type { Config } from "../config.js";
import type { Logger } from "../util/logger.js";

/** What every command gets: the validated config, the logger, and the global flags. */
export interface Context {
  config: Config;
  logger: Logger;
  indexDir: string;
  json: boolean;
}
