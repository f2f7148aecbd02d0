import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import dotenv from "dotenv";
import { describe, expect, test } from "vitest";
import { EnvSchema, loadConfig } from "./config.js";
import { defaultVectorWeight, vectorOptions } from "./app.js";

/** .env.example is the documentation of every setting: its values and the defaults its comments state must be the code's. */
const EXAMPLE = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.env.example"), "utf8");

describe(".env.example", () => {
  const example = dotenv.parse(EXAMPLE);

  test("lists every variable the schema reads", () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  test("each value it gives is the code's default", () => {
    const defaults = EnvSchema.parse({}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(example)) {
      if (value === "") continue;
      expect(String(defaults[key]), key).toBe(value);
    }
  });

  test("copied to .env as it is, it behaves like no .env at all (an empty value is unset)", () => {
    expect(loadConfig(example)).toEqual(loadConfig({}));
    expect(loadConfig({ VECTOR_WEIGHT: "", LOG_LEVEL: " " })).toEqual(loadConfig({}));
    // A value that is given still counts.
    expect(loadConfig({ VECTOR_WEIGHT: "0" }).vectorWeight).toBe(0);
  });

  test("the VECTOR_WEIGHT defaults its comment states are the code's", () => {
    const said = /Unset: ([\d.]+) for the\s*#?\s*local embedder.*?, ([\d.]+) for openai/s.exec(EXAMPLE);
    expect(said, "the comment above VECTOR_WEIGHT states both defaults").not.toBeNull();
    expect(Number(said![1])).toBe(defaultVectorWeight(loadConfig({})));
    expect(Number(said![2])).toBe(defaultVectorWeight(loadConfig({ EMBEDDER: "openai", OPENAI_API_KEY: "sk-test" })));
  });

  test("the local embedder's default is a recall net; openai's, or any weight that is set, is fused", () => {
    expect(vectorOptions(loadConfig({}))).toEqual({ vectorWeight: 0.01, vectorRecallOnly: true });
    expect(vectorOptions(loadConfig({ VECTOR_WEIGHT: "0.2" }))).toEqual({ vectorWeight: 0.2, vectorRecallOnly: false });
    expect(vectorOptions(loadConfig({ EMBEDDER: "openai", OPENAI_API_KEY: "sk-test" }))).toEqual({ vectorWeight: 0.5, vectorRecallOnly: false });
  });
});
