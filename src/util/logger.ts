import pino from "pino";

/**
 * Logs go to stderr (stdout is for results and JSON). Secrets are redacted by
 * key name as a second line of defence; the first is never passing them to
 * the logger.
 */
export type Logger = pino.Logger;

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["token", "apiKey", "*.token", "*.apiKey", "config.telegram.token", "config.llm.apiKey", "headers.authorization"], censor: "[redacted]" },
    },
    pino.destination({ dest: (destination as { fd?: number }).fd ?? 2, sync: true }),
  );
}
