/** What a recipe gets when it runs: where to write its files. */
export interface RecipeContext {
  /** A directory the recipe may write files into (created, empty). */
  readonly outDir: string;
}

/** One cookbook recipe: a runnable demo. */
export interface Recipe {
  /** Position in the Python Logging Cookbook (shared/RECIPES.md numbering). */
  readonly number: number;
  /** Short id used on the command line, e.g. `multiple-modules`. */
  readonly id: string;
  /** The cookbook section title. */
  readonly title: string;
  /** The logweave packages (or apps) the recipe shows, e.g. `['core']`. */
  readonly packages: readonly string[];
  /**
   * Outside programs the recipe runs (looked up on PATH, e.g. `espeak-ng`). When one is
   * missing the recipe is skipped with that reason, never failed or faked.
   */
  readonly requires?: readonly string[];
  /** Runs the demo; output goes to stdout/stderr and to files in `ctx.outDir`. */
  run(ctx: RecipeContext): void | Promise<void>;
}
