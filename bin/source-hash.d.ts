export declare const SOURCE_DIRS: readonly string[];
export declare const SOURCE_FILES: readonly string[];
export declare const HASH_FILE: string;
export declare function sourceHash(root: string): string;
export declare function compiledEntry(root: string, dist?: string): string | null;
