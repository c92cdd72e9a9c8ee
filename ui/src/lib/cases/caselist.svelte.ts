// The case list: the agenda's saved views and sort, filters, search as you type
// (debounced, full-text in the vault), and the keyboard cursor. Which cases a view
// holds and in what order comes from the core (`case_page`), never from here.
import {
  messageOf,
  unwrap,
  type Backend,
  type CaseFilter,
  type CaseRow,
  type CaseSort,
  type SavedView,
  type Status,
} from '../ipc';

/** Select value meaning "cases nobody handles". */
export const UNASSIGNED = ':unassigned';
export const SEARCH_DELAY_MS = 150;
/** Rows drawn at once: a vault may hold 10,000 cases; a person reads the top. */
export const PAGE = 100;

export class CaseList {
  /** The rows the shell sent: the first `shown` of the filtered list. */
  rows = $state<CaseRow[]>([]);
  /** The instant the shell computed the rows' deadlines at. */
  now = $state('');
  /** How many cases match the filter in all. */
  total = $state(0);
  handlers = $state<string[]>([]);
  status = $state<Status | ''>('');
  /** '' for everyone, UNASSIGNED, or a handler's name. */
  handler = $state('');
  words = $state('');
  /** The saved view; the list opens on the open cases, most urgent first. */
  view = $state<SavedView>('open');
  /** '' for the view's own order (urgency; best match while searching). */
  sort = $state<CaseSort | ''>('');
  /** Index of the keyboard cursor in `rows`. */
  cursor = $state(0);
  /** How many rows are drawn. */
  shown = $state(PAGE);
  loading = $state(false);
  error = $state<string | null>(null);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly backend: Backend) {}

  get filter(): CaseFilter {
    const words = this.words.trim();
    return {
      status: this.status === '' ? null : this.status,
      handler:
        this.handler === ''
          ? null
          : this.handler === UNASSIGNED
            ? { kind: 'unassigned' }
            : { kind: 'named', name: this.handler },
      words: words === '' ? null : words,
      limit: this.shown,
      // A search looks through every case: the one a person types for may be closed.
      view: words === '' ? this.view : 'all',
      sort: this.sort === '' ? null : this.sort,
    };
  }

  get visible(): CaseRow[] {
    return this.rows;
  }

  /** Ask the shell for the next page of rows. */
  showMore(): void {
    if (this.rows.length >= this.total) return;
    this.shown += PAGE;
    void this.refresh();
  }

  get current(): CaseRow | undefined {
    return this.rows[this.cursor];
  }

  /** Reload now; a slower earlier answer never overwrites a newer one. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = unwrap(await this.backend.commands.listCases(this.filter));
      if (generation !== this.generation) return;
      this.rows = page.rows;
      this.total = page.total;
      this.now = page.now;
      this.cursor = Math.min(this.cursor, Math.max(page.rows.length - 1, 0));
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = messageOf(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  async refreshHandlers(): Promise<void> {
    try {
      this.handlers = unwrap(await this.backend.commands.listHandlers());
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Typing in the search box: search once the person pauses. */
  search(words: string): void {
    this.words = words;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cursor = 0;
      this.shown = PAGE;
      void this.refresh();
    }, SEARCH_DELAY_MS);
  }

  setStatus(status: Status | ''): void {
    this.status = status;
    this.cursor = 0;
    this.shown = PAGE;
    void this.refresh();
  }

  setView(view: SavedView): void {
    this.view = view;
    this.cursor = 0;
    this.shown = PAGE;
    void this.refresh();
  }

  setSort(sort: CaseSort | ''): void {
    this.sort = sort;
    this.cursor = 0;
    this.shown = PAGE;
    void this.refresh();
  }

  /** Whether rows are in urgency order, so group headings make sense. */
  get grouped(): boolean {
    return this.sort === 'urgency' || (this.sort === '' && this.words.trim() === '');
  }

  setHandler(handler: string): void {
    this.handler = handler;
    this.cursor = 0;
    this.shown = PAGE;
    void this.refresh();
  }

  /** Move the cursor by `delta` rows, staying inside the list. */
  moveCursor(delta: number): void {
    if (this.rows.length === 0) return;
    this.cursor = Math.max(0, Math.min(this.rows.length - 1, this.cursor + delta));
    if (this.cursor === this.rows.length - 1) this.showMore();
  }

  /** Put the cursor on the case with this id, if listed. */
  pointAt(id: string): void {
    const index = this.rows.findIndex((row) => row.id === id);
    if (index >= 0) this.cursor = index;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
