// Line-preserving rough clean of docs/*.txt into clean/NNN.clean.txt:
// pinyin annotations removed, traditional -> simplified (opencc-js). Line N here is line N of the original file.
import fs from "node:fs";
import * as O from "@ROOT@/node_modules/opencc-js/dist/esm/full.js";
const a = O.Converter({ from: "hk", to: "cn" }), b = O.Converter({ from: "tw", to: "cn" });
const PINYIN = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)/g;
const dir = new URL(".", import.meta.url).pathname;
for (const f of fs.readdirSync(dir + "docs")) {
  const lines = fs.readFileSync(dir + "docs/" + f, "utf8").split("\n").map((l) => b(a(l.replace(PINYIN, ""))));
  fs.writeFileSync(dir + "clean/" + f.slice(0, 3) + ".clean.txt", lines.map((l, i) => `${i + 1}\t${l}`).join("\n"));
}
