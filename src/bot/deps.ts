/** What the handlers share. */
import type { Logger } from "pino";
import type { AnswerService } from "../answer/types.js";
import type { AccessControl } from "./access.js";
import type { AdminActions, BotConfig } from "./config.js";
import type { FeedbackStore } from "./feedback.js";
import type { AnswerMemory } from "./memory.js";
import type { RateLimiter } from "./rate-limit.js";

export interface BotDeps {
  config: BotConfig;
  token: string;
  service: AnswerService;
  admin: AdminActions;
  logger: Logger;
  access: AccessControl;
  limiter: RateLimiter;
  memory: AnswerMemory;
  feedback: FeedbackStore;
}
