/** Where the CLI's build goes by default (out/cli). */
export declare const cliOutDir: string;
/** Builds the CLI into out/cli, or into `outDir` (one folder deep under out/). */
export declare function buildCli(outDir?: string): Promise<void>;
/** Bundles `entries` (name -> source path) with the backend's worker threads into `outDir` (one folder deep under out/). */
export declare function buildBackendBundle(entries: Record<string, string>, outDir: string): Promise<void>;
