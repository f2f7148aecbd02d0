import pino from "pino";

/**
 * Logs go to stderr (stdout is for results and JSON). Secrets are redacted by
 * key name, and every secret value given (the API key, the bot token) is
 * replaced wherever it appears in a line — a model's reply quoting a token a
 * user pasted into a question, an error message — as a second line of
 * defence; the first is never passing them to the logger.
 */
export type Logger = pino.Logger;

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr, secrets: readonly string[] = []): Logger {
  const out = pino.destination({ dest: (destination as { fd?: number }).fd ?? 2, sync: true });
  const scrub = secretScrubber(secrets);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["token", "apiKey", "*.token", "*.apiKey", "config.telegram.token", "config.llm.apiKey", "headers.authorization"], censor: "[redacted]" },
    },
    secrets.length ? { write: (line: string) => out.write(scrub(line)) } : out,
  );
}

/** Replaces each secret value in a text with "[redacted]" (values under 8 characters are not secrets worth the name, and would replace ordinary words). */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length >= 8))].sort((a, b) => b.length - a.length);
  return (text) => values.reduce((t, v) => replaceSecret(t, v, "[redacted]"), text);
}

/** `text` with `secret` replaced, as it is and URL-encoded (as in a URL: the bot token in an API path). */
export function replaceSecret(text: string, secret: string, replacement: string): string {
  if (!secret) return text;
  return text.split(secret).join(replacement).split(encodeURIComponent(secret)).join(replacement);
}
