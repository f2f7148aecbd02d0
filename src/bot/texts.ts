/** Everything the bot says on its own behalf (simplified Chinese), in one place. */
import type { AddedDocument } from "./config.js";
import type { IngestReport } from "../ingest/pipeline.js";
import { SUPPORTED_EXTENSIONS } from "../ingest/load/formats.js";

export const TEXT = {
  apology: "抱歉，处理您的问题时出错，请稍后再试。",
  serviceUnavailable: "答题服务暂时不可用，请稍后再试。",
  indexUnavailable: "文档索引暂时不可用，请联系管理员。",
  notEnabled: "本机器人未在此群组启用。",
  notEnabledPrivate: "本机器人未开放私聊，请在工作群中使用。",
  textOnly: "我只能读文字消息，无法识别图片、语音、贴纸或文件的内容；请把问题用文字发给我。",
  captionOnly: "图片、语音等内容我无法识别，以下只根据附带的文字回答。",
  adminOnly: "只有管理员可以使用此命令。",
  reindexing: "正在重建索引…",
  reindexBusy: "索引正在重建中，请稍候。",
  feedbackThanks: "感谢反馈",
  expired: "该回答已过期，请重新提问。",
  passagesAlreadyShown: "引用原文已在上方显示。",
  noPassages: "该回答没有引用原文。",
  documentRefused: "只有管理员可以添加文档。",
  noDocuments: "索引中还没有文档。",
  sourcesHeading: "来源",
  nearestHeading: "最接近的文档",
  passagesButton: "查看引用原文",
  findNothing: "没有找到相关文档。",
  findNotConfident: "没有找到高度相关的文档，以下是最接近的结果：",
  findNearest: "以下是最接近的文档：",
  unknownCommand: "未知命令。",
} as const;

export const USAGE = {
  ask: "请在命令后写上问题，例如：/ask 政务督查工作有哪些要求？",
  draft: "请在命令后写上起草要求，例如：/draft 起草一段关于加强政务公开的工作总结",
  find: "请在命令后写上主题，例如：/find 信息化建设",
} as const;

/** Who asked too often (this person, or the whole chat), the limit, and how long to wait. */
export function rateLimitedText(scope: "user" | "chat", limit: number, retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return scope === "user"
    ? `您提问太频繁了（每人每分钟最多 ${limit} 个问题），请 ${seconds} 秒后再问。`
    : `本群提问太频繁了（每分钟最多 ${limit} 个问题），请 ${seconds} 秒后再问。`;
}

/** A mention with nothing after it. */
export function mentionUsage(bot: string): string {
  return `请在 @${bot} 后写上问题，例如：@${bot} 政务督查工作有哪些要求？`;
}

export function tooLongText(length: number, max: number): string {
  return `问题太长（${length} 字），请精简到 ${max} 字以内。`;
}

export function importingText(fileName: string): string {
  return `正在导入文件：${fileName}…`;
}

export function fileTooBigText(maxMb: number): string {
  return `文件太大（超过 ${maxMb} MB），无法通过 Telegram 下载。`;
}

export function adminFailedText(action: "reindex" | "import", reason: string): string {
  return `${action === "reindex" ? "重建索引" : "导入文件"}失败：${loadReasonText(reason)}`;
}

const SUPPORTED = [".txt", ".md", ".html", ".docx", ".pdf"].filter((e) => SUPPORTED_EXTENSIONS.includes(e)).join("、");

/** Why a file could not be read, in Chinese (the loader's reasons are English, for the CLI); unknown reasons as they are. */
export function loadReasonText(reason: string): string {
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^unsupported type \(no extension\)$/, () => `文件没有扩展名，无法判断类型（支持 ${SUPPORTED}）`],
    [/^unsupported type (\S+)$/, (m) => `不支持 ${m[1]} 文件（支持 ${SUPPORTED}）`],
    [/^empty file$/, () => "文件是空的"],
    [/^file too large \((\d+) MB; limit for (\S+) is (\d+) MB\)$/, (m) => `文件太大（${m[1]} MB，${m[2]} 文件最大 ${m[3]} MB）`],
    [/^corrupt \.docx/, () => "DOCX 文件已损坏，无法打开"],
    [/^corrupt PDF/, () => "PDF 文件已损坏，无法打开"],
    [/^PDF text not decodable/, () => "PDF 中的文字无法提取（可能是扫描件，或字体没有文字编码）"],
    [/^PDF has no text/i, () => "PDF 中没有文字（可能是扫描件）"],
    [/^binary content, not text$/, () => "文件内容不是文字"],
    [/^unknown text encoding/, () => "无法识别文件的文字编码（支持 UTF-8、UTF-16、GB18030、Big5）"],
  ];
  for (const [re, text] of rules) {
    const m = re.exec(reason);
    if (m) return text(m);
  }
  return reason;
}

/** What a re-index did, for the admin who asked. */
export function reindexedText(r: IngestReport): string {
  if (r.files === 0) return "没有可以索引的文件，原有索引未改动。";
  const lines = [`索引已更新：${r.files} 个文件，${r.articles} 篇文章，${r.chunks} 个段落，用时 ${(r.ms / 1000).toFixed(1)} 秒。`];
  const list = (label: string, files: string[]) => files.length && lines.push(`${label} ${files.length} 个：${files.join("、")}`);
  list("新增", r.added);
  list("更新", r.changed);
  list("移除", r.removed);
  if (r.unchanged.length) lines.push(`未变 ${r.unchanged.length} 个文件。`);
  if (r.skipped.length) {
    lines.push(`跳过 ${r.skipped.length} 个：`);
    for (const s of r.skipped) lines.push(`  ${s.file}：${loadReasonText(s.reason)}`);
  }
  return lines.join("\n");
}

/** What an upload did: added, replaced a file of the same name (said plainly: the old one is gone), or changed nothing. */
export function addedText(a: AddedDocument): string {
  const head =
    a.outcome === "added"
      ? `已添加 ${a.file}。`
      : a.outcome === "replaced"
        ? `已有同名文件 ${a.file}，已用新文件替换（旧文件的内容已从索引中移除；如需两份都保留，请改名后重新发送）。`
        : `${a.file} 与已收录的同名文件内容相同，未做改动。`;
  return `${head}\n${reindexedText(a.report)}`;
}

export const HELP_LINES = [
  "我可以根据已收录的政策文件回答问题，并给出引用来源。",
  "",
  "/ask 问题 — 提问",
  "/draft 要求 — 根据文件起草文字",
  "/find 主题 — 查找相关文件和章节",
  "/sources — 列出已收录的文件",
  "/help — 显示本帮助",
  "",
  "在群组中：发送 /ask 问题，或 @{bot} 加上问题，或直接回复我的消息来追问。",
  "在私聊中：直接发送问题即可。",
  "不用命令时，“帮我写一段……”会起草文字，“哪份材料讲了……”会查找文件。",
] as const;
