/**
 * Errors that carry the one-line message a user sees. Anything else that
 * reaches a front end is reported generically and logged.
 */
export class PolicybotError extends Error {
  /** Exit code for the CLI: 1 failed, 2 wrong usage. */
  readonly exitCode: number;
  /** The command already wrote its JSON result (with the error in it): print nothing more on stdout. */
  readonly reported: boolean;
  constructor(message: string, options?: { cause?: unknown; exitCode?: number; reported?: boolean }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "PolicybotError";
    this.exitCode = options?.exitCode ?? 1;
    this.reported = options?.reported ?? false;
  }
  static isInstance(e: unknown): e is PolicybotError {
    return e instanceof Error && (e as { name?: string }).name?.endsWith("Error") === true && "exitCode" in e;
  }
}

/** Wrong usage: a bad flag, a missing argument, an invalid setting. Exit code 2. */
export class UsageError extends PolicybotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, exitCode: 2 });
    this.name = "UsageError";
  }
}

/** A file that cannot be ingested; `message` is the one-line reason. */
export class LoadError extends PolicybotError {
  readonly file: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = "LoadError";
    this.file = file;
  }
}

/** The index is missing, corrupt, or was built by another embedder. */
export class IndexError extends PolicybotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IndexError";
  }
}

/**
 * The index on disk is damaged: current.json or a manifest that does not
 * parse or lacks fields, or a data file whose size or checksum differs from
 * what its version recorded. `reason` is the short cause ("manifest.json is
 * not valid JSON"): ingest says it when it rebuilds such an index.
 */
export class CorruptIndexError extends IndexError {
  readonly reason: string;
  constructor(message: string, reason: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CorruptIndexError";
    this.reason = reason;
  }
}

/** The LLM or embedding server failed; `retryable` says whether trying again may help. */
export class ServiceError extends PolicybotError {
  readonly retryable: boolean;
  readonly status?: number;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean; status?: number }) {
    super(message, options);
    this.name = "ServiceError";
    this.retryable = options?.retryable ?? false;
    if (options?.status !== undefined) this.status = options.status;
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message.split("\n")[0] ?? String(e);
  return String(e);
}
