import { readFileSync } from "node:fs";
import { DocumentPairs, charFrequency } from "./dist/ingest/clean/mojibake.js";
import * as OpenCC from "opencc-js";
const s2t = OpenCC.Converter({ from: "cn", to: "tw" });
const files = { "001": "001_084f284d8a8a9e43", "002": "002_e3554324031b6b29", "003": "003_9b54f81a9d65b260" };
const cases = [["001","人口"],["001","當地"],["002","臨時"],["002","變為"],["002","斷面"],["003","因為"],["003","實時"],["003","實現"],["003","人口"],["001","熟人"],["001","當心"],["003","每股"],["003","下周"],["003","鋼領"]];
for (const [f, w] of cases) {
  const raw = readFileSync(`data/docs/${files[f]}.txt`, "utf8");
  const p = new DocumentPairs(raw.split("\n"), charFrequency(raw));
  console.log(f, w, p.count(w), p.count(s2t(w)));
}
