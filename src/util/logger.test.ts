import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger, secretScrubber } from "./logger.js";
import { loadConfig, secretsOf } from "../config.js";

const TOKEN = "123456789:AAE-test-bot-token_abcdefghij";
const KEY = "sk-test-SECRET-0123456789";

describe("secrets in logs", () => {
  it("a secret value is replaced wherever it appears in a line, not only under its key", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "policybot-log-"));
    const file = path.join(dir, "log.jsonl");
    const fd = openSync(file, "w");
    const logger = createLogger("info", { fd } as unknown as NodeJS.WritableStream, [TOKEN, KEY]);
    // What the answer layer logs when it removes a citation: the model's sentence, which quoted a pasted token.
    logger.warn({ issues: [{ sentence: `令牌是 ${TOKEN}`, reason: "bad citation" }], kind: "ask" }, "citations removed from the LLM reply");
    logger.error(`request failed: Incorrect API key provided: ${KEY}`);
    closeSync(fd);
    const text = readFileSync(file, "utf8");
    rmSync(dir, { recursive: true, force: true });
    expect(text).toContain("citations removed from the LLM reply");
    expect(text).toContain("[redacted]");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(KEY);
  });

  it("the config's secrets are its API key, bot token and webhook secret; short values are not scrubbed", () => {
    const config = loadConfig({ OPENAI_API_KEY: KEY, TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://example.org/hook", WEBHOOK_SECRET: "s3cret-webhook-value" });
    expect(secretsOf(config).sort()).toEqual([KEY, TOKEN, "s3cret-webhook-value"].sort());
    expect(secretScrubber(["short"])("a short word")).toBe("a short word");
  });
});
