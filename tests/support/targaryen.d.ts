/** Types for the parts of targaryen (an in-process Realtime Database rules evaluator) the tests use. */
declare module 'targaryen' {
  export interface Result {
    allowed: boolean;
    info: string;
  }
  export interface Options {
    now?: number;
  }
  export interface Database {
    as(auth: Record<string, unknown> | null): Database;
    read(path: string, options?: Options): Result;
    write(path: string, value: unknown, options?: Options): Result;
    update(path: string, patch: Record<string, unknown>, options?: Options): Result;
  }
  export function database(rules: { rules: Record<string, unknown> }, data?: unknown, now?: number): Database;
}
