/** Everything the bot says on its own behalf (simplified Chinese), in one place. */

export const TEXT = {
  apology: "抱歉，处理您的问题时出错，请稍后再试。",
  serviceUnavailable: "答题服务暂时不可用，请稍后再试。",
  indexUnavailable: "文档索引暂时不可用，请联系管理员。",
  notEnabled: "本机器人未在此群组启用。",
  adminOnly: "只有管理员可以使用此命令。",
  reindexing: "正在重建索引…",
  reindexBusy: "索引正在重建中，请稍候。",
  rateLimited: "提问过于频繁，请稍后再试。",
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
  return `${action === "reindex" ? "重建索引" : "导入文件"}失败：${reason}`;
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
