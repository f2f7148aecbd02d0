// node conv.mjs t "简体文字"  -> traditional (Taiwan);  node conv.mjs s "繁體文字" -> simplified
import * as O from "@ROOT@/node_modules/opencc-js/dist/esm/full.js";
const [dir, ...rest] = process.argv.slice(2);
const text = rest.join(" ");
const conv = dir === "t" ? O.Converter({ from: "cn", to: "tw" }) : O.Converter({ from: "tw", to: "cn" });
console.log(conv(text));
