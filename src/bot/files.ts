/** Downloading a file a user sent, via getFile + the Bot API file endpoint. */
import type { Api } from "grammy";

export const DEFAULT_API_ROOT = "https://api.telegram.org";
/** The Bot API serves files up to 20 MB to bots. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DownloadError";
  }
}

export async function downloadTelegramFile(
  api: Api,
  opts: { token: string; apiRoot?: string | undefined; fileId: string },
): Promise<Uint8Array> {
  const file = await api.getFile(opts.fileId);
  if (!file.file_path) throw new DownloadError("Telegram did not return a file path");
  const root = (opts.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
  // The URL contains the token: it never goes into an error message or a log.
  const res = await fetch(`${root}/file/bot${opts.token}/${file.file_path}`);
  if (!res.ok) throw new DownloadError(`file download failed with HTTP ${res.status}`);
  const data = new Uint8Array(await res.arrayBuffer());
  if (data.byteLength > MAX_DOWNLOAD_BYTES) throw new DownloadError("file is larger than 20 MB");
  return data;
}
