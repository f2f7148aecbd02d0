import fs from "node:fs/promises";
import path from "node:path";
import { findFiles, loadFile } from "../ingest/load/index.js";
import { parsePianMarker } from "../ingest/markers.js";

/**
 * Synthetic corpora for the benchmarks: the seed files at N× their size.
 * Copy 0 is the seeds as they are (so the evaluation questions still have
 * their answers); copies 1…N−1 are perturbed so that chunks are not
 * identical: the articles of a compilation are shuffled, the sentences of
 * each paragraph are rotated, digits (other than heading numbers and
 * article ordinals) are replaced, place names are swapped for others and
 * common words of the register for their synonyms.
 * Everything is derived from a seeded PRNG: the same factor gives the same
 * bytes on every run and machine.
 */
export interface CorpusInfo {
  dir: string;
  factor: number;
  files: number;
  bytes: number;
  /** Characters of decoded text (what the pipeline reads). */
  chars: number;
  ms: number;
}

/** mulberry32: small, fast, good enough for shuffling test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Place names of the seeds (simplified and traditional stems) and the names they are replaced with. */
const SEED_PLACES = [
  "临江", "當陽", "当阳", "七里河", "曲阜", "万全", "萬全", "龙岩", "龍岩", "漳州", "兰州", "蘭州", "宁都", "寧都", "南皮", "沅江", "保定", "白山", "甘孜",
  "福建", "湖南", "吉林", "山东", "山東", "江西", "河北", "甘肃", "甘肅", "四川", "华盛顿", "華盛頓", "巴尔的摩", "巴爾的摩",
];
const PLACES = [
  "青州", "德阳", "安顺", "汉中", "丽水", "衢州", "韶关", "铜仁", "玉溪", "赣州", "宜宾", "绵阳", "临沂", "潍坊", "泰安", "聊城", "荆门", "孝感", "岳阳", "常德",
  "益阳", "邵阳", "株洲", "湘潭", "九江", "上饶", "吉安", "抚州", "南平", "三明", "莆田", "宁德", "泉州", "晋江", "石狮", "乐清", "瑞安", "诸暨", "义乌", "东阳",
  "永康", "海宁", "桐乡", "余姚", "慈溪", "江阴", "宜兴", "昆山", "常熟", "张家港", "太仓", "溧阳", "丹阳", "句容", "仪征", "高邮", "兴化", "靖江", "泰兴", "如皋",
  "海门", "启东", "东台", "大丰", "新沂", "邳州", "滕州", "邹城", "新泰", "肥城", "曲靖", "大理", "景洪", "个旧", "开远", "蒙自", "楚雄", "保山", "昭通", "普洱",
];
const PLACE_RE = new RegExp(SEED_PLACES.sort((a, b) => b.length - a.length).join("|"), "g");

/** Interchangeable words of the register: each occurrence is swapped for another of its group at random. */
const SYNONYMS: string[][] = [
  ["加强", "强化", "增强"],
  ["推进", "推动", "促进"],
  ["提高", "提升"],
  ["完善", "健全"],
  ["开展", "组织开展"],
  ["积极", "主动"],
  ["重点", "关键"],
  ["落实", "贯彻落实"],
  ["切实", "扎实"],
  ["进一步", "更加"],
  ["明显", "显著"],
  ["各级", "各地"],
  ["群众", "居民"],
  ["企业", "市场主体"],
  ["目前", "当前"],
  ["建立", "建设"],
];
const SYNONYM_OF = new Map(SYNONYMS.flatMap((g) => g.map((w) => [w, g] as const)));
const SYNONYM_RE = new RegExp([...SYNONYM_OF.keys()].sort((a, b) => b.length - a.length).join("|"), "g");

function perturbWords(text: string, rnd: () => number): string {
  return text.replace(SYNONYM_RE, (w) => {
    const g = SYNONYM_OF.get(w)!;
    return rnd() < 0.5 ? w : g[Math.floor(rnd() * g.length)]!;
  });
}

/** Digits not at the start of a line (heading numbers) and not after 篇/第 (ordinals). */
const DIGITS = /(?<![篇第\d])(?<!^[\s（(【]*)\d+/gm;

function perturbDigits(text: string, rnd: () => number): string {
  return text.replace(DIGITS, (d) => {
    let out = "";
    for (let i = 0; i < d.length; i++) out += i === 0 && d.length > 1 ? String(1 + Math.floor(rnd() * 9)) : String(Math.floor(rnd() * 10));
    return out;
  });
}

function perturbPlaces(text: string, rnd: () => number): string {
  const map = new Map<string, string>();
  return text.replace(PLACE_RE, (p) => {
    let to = map.get(p);
    if (!to) map.set(p, (to = PLACES[Math.floor(rnd() * PLACES.length)]!));
    return to;
  });
}

/** Rotate the sentences of a line that holds several, so paragraphs differ between copies. */
function perturbSentences(line: string, rnd: () => number): string {
  const sentences = line.match(/[^。！？]+[。！？]+/g);
  if (!sentences || sentences.length < 3 || sentences.join("") !== line) return line;
  const k = 1 + Math.floor(rnd() * (sentences.length - 1));
  return [...sentences.slice(k), ...sentences.slice(0, k)].join("");
}

/** Article blocks of a compilation: the preamble, then one block per 篇 marker. */
function shuffleArticles(lines: string[], rnd: () => number): string[] {
  const starts = lines.flatMap((l, i) => (parsePianMarker(l) ? [i] : []));
  if (starts.length < 2) return lines;
  const pre = lines.slice(0, starts[0]);
  const blocks = starts.map((s, k) => lines.slice(s, starts[k + 1] ?? lines.length));
  return [...pre, ...shuffle(blocks, rnd).flat()];
}

export function perturb(text: string, seed: number): string {
  const rnd = prng(seed);
  let lines = shuffleArticles(text.split("\n"), rnd);
  lines = lines.map((l) => perturbSentences(l, rnd));
  return perturbWords(perturbPlaces(perturbDigits(lines.join("\n"), rnd), rnd), rnd);
}

/** Write `factor` copies of the seed files into `dir` (created; must not hold other files). */
export async function buildCorpus(seedDir: string, dir: string, factor: number): Promise<CorpusInfo> {
  const started = performance.now();
  await fs.mkdir(dir, { recursive: true });
  const found = await findFiles([seedDir]);
  const seeds = await Promise.all(found.files.map(async (f) => ({ name: path.basename(f.file), bytes: await fs.readFile(f.path), text: (await loadFile(f)).text })));
  let bytes = 0;
  let chars = 0;
  let files = 0;
  for (let copy = 0; copy < factor; copy++) {
    for (const [i, s] of seeds.entries()) {
      const name = `c${String(copy).padStart(3, "0")}_${s.name}`;
      // Copy 0 keeps the seed's own bytes (and encoding); copies are UTF-8.
      const text = copy === 0 ? s.text : perturb(s.text, copy * 7919 + i);
      const data = copy === 0 ? s.bytes : Buffer.from(text, "utf8");
      await fs.writeFile(path.join(dir, name), data);
      bytes += data.byteLength;
      chars += text.length;
      files++;
    }
  }
  return { dir, factor, files, bytes, chars, ms: Math.round(performance.now() - started) };
}

/** A copy of one file of the corpus with one paragraph changed: what the re-ingest benchmark edits. */
export async function touchOneFile(dir: string, name: string): Promise<void> {
  const file = path.join(dir, name);
  const text = await fs.readFile(file, "utf8");
  const lines = text.split("\n");
  const at = lines.findIndex((l, i) => i > lines.length / 2 && l.length > 40);
  lines.splice(at < 0 ? lines.length : at, 0, "", "（补充）本段为基准测试修改的内容，用于检验增量索引只处理改动的文件。", "");
  await fs.writeFile(file, lines.join("\n"));
}
