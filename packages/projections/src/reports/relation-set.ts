const NONE = -1;

/**
 * The relations of a grid of cells (suppress-complements.ts), packed in typed arrays. A
 * year's clearance tables of the whole region are ~2 million cells under ~700,000 relations
 * of ~3.5 million terms: as objects they cost more to make and to collect than choosing
 * the complements does.
 *
 * Relation r (Σ sign × value = 0) has the terms from `start(r)` to `start(r + 1)` (`cell`,
 * `sign`). `total(r)` is the cell that is the sum of the others (a parent division's
 * figure, chosen last on a tie), or -1. When `namesComplements(r)`, only the cells
 * `complementCell` from `complementStart(r)` to `complementStart(r + 1)` may be suppressed
 * to protect another (the monthly identity protects with moves, never stocks:
 * suppress-relations.ts); else any of its cells may. Written relation by relation (`begin`,
 * `term`, `complement`), in the order the suppression looks at them.
 */
export class RelationSet {
  private cells = new Int32Array(1 << 12);
  private signs = new Int8Array(1 << 12);
  private starts = new Int32Array(1 << 10);
  private totals = new Int32Array(1 << 10);
  private named = new Uint8Array(1 << 10);
  private complements = new Int32Array(1 << 10);
  private complementStarts = new Int32Array(1 << 10);
  private terms = 0;
  private complementCount = 0;
  private relations = 0;

  get count(): number {
    return this.relations;
  }

  /** Starts relation `count` with its total's cell (none: -1); its terms and complements follow. */
  begin(total: number = NONE): void {
    const r = this.relations;
    if (r + 2 > this.starts.length) this.growRelations();
    this.totals[r] = total;
    this.named[r] = 0;
    this.relations = r + 1;
    this.starts[r + 1] = this.terms;
    this.complementStarts[r + 1] = this.complementCount;
  }

  /** A term of the relation begun last. */
  term(cell: number, sign: 1 | -1): void {
    if (this.terms === this.cells.length) {
      this.cells = grown(this.cells);
      this.signs = grown(this.signs);
    }
    this.cells[this.terms] = cell;
    this.signs[this.terms] = sign;
    this.terms += 1;
    this.starts[this.relations] = this.terms;
  }

  /** A cell that may protect another in the relation begun last: once one is named, only those named may. */
  complement(cell: number): void {
    if (this.complementCount === this.complements.length) this.complements = grown(this.complements);
    this.named[this.relations - 1] = 1;
    this.complements[this.complementCount] = cell;
    this.complementCount += 1;
    this.complementStarts[this.relations] = this.complementCount;
  }

  start(r: number): number {
    return this.starts[r] as number;
  }

  cell(k: number): number {
    return this.cells[k] as number;
  }

  sign(k: number): number {
    return this.signs[k] as number;
  }

  total(r: number): number {
    return this.totals[r] as number;
  }

  namesComplements(r: number): boolean {
    return this.named[r] === 1;
  }

  complementStart(r: number): number {
    return this.complementStarts[r] as number;
  }

  complementCell(k: number): number {
    return this.complements[k] as number;
  }

  private growRelations(): void {
    this.starts = grown(this.starts);
    this.totals = grown(this.totals);
    this.named = grown(this.named);
    this.complementStarts = grown(this.complementStarts);
  }
}

const grown = <A extends Int32Array | Int8Array | Uint8Array>(a: A): A => {
  const b = new (a.constructor as new (n: number) => A)(a.length * 2);
  b.set(a);
  return b;
};
