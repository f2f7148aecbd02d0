import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { charFrequency } from "./dist/ingest/clean/mojibake.js";
const raw = readFileSync("data/docs/001_084f284d8a8a9e43.txt", "utf8");
const freq = charFrequency(raw);
const pl = (s) => { const cs = [...s].filter((c) => /[\u3400-\u9fff]/.test(c)); return cs.reduce((a, c) => a + Math.log(1 + (freq.get(c) ?? 0)), 0) / cs.length; };
for (const s of ["按骞枚枷爰藿o", "靶腋A赫币皇且尠傩沼", "靶腋A"]) {
  for (const st of [0, 1]) {
    const t = [...s].slice(st).join("");
    const d = iconv.decode(iconv.encode(t, "gbk").subarray(1), "gbk");
    console.log(s, st, d, pl(s).toFixed(2), pl(d).toFixed(2), [...s].map((c) => freq.get(c) ?? 0).join(","));
  }
}
