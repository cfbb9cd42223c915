import { isWordPart, textPattern, WORDS } from './text-pattern';

/**
 * Where a needle may be, as the index knows it: how many times each
 * document holds it (`counts`, exact: the same count the search's pattern
 * finds in the text), which documents may hold it (`maybe`: read them to
 * know), or nothing narrower than every document (`any`). Both arrays are by
 * document number.
 */
export type WordLookup = { kind: 'counts'; counts: Int32Array } | { kind: 'maybe'; docs: Uint8Array } | { kind: 'any' };

const MAGIC = 'factmark-word-index 1\n';

/**
 * An inverted index of the words of many texts, for corpus search without
 * reading every text. Each distinct word (as written, case kept) has a
 * posting list of (document, occurrences) pairs, delta- and varint-coded in
 * a byte array; documents are only ever appended (a text never changes), so
 * a list only grows at its end. A needle is looked up by running the
 * search's own pattern over the vocabulary, which gives, word by word, how
 * many matches each word holds: the count in a document is then exact
 * without its text. A document removed stays in the lists, marked dead.
 */
export class WordIndex {
  private readonly ids: string[] = [];
  private readonly hashes: string[] = [];
  private readonly docOf = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly wordId = new Map<string, number>();
  private readonly lists: Uint8Array[] = [];
  private readonly used: number[] = [];
  private readonly lastDoc: number[] = [];
  private vocabulary: { text: string; starts: Int32Array } | null = null;
  private deadCount = 0;

  /** Documents numbered so far, dead ones included. */
  get size(): number {
    return this.ids.length;
  }

  get dead(): number {
    return this.deadCount;
  }

  /** The number of a live document, by id. */
  docNo(id: string): number | undefined {
    return this.docOf.get(id);
  }

  /** The live document's text hash (to tell a text replaced under the same id). */
  hashOf(id: string): string | undefined {
    const doc = this.docOf.get(id);
    return doc === undefined ? undefined : this.hashes[doc];
  }

  /** Live document ids. */
  liveIds(): IterableIterator<string> {
    return this.docOf.keys();
  }

  add(id: string, hash: string, text: string): void {
    this.remove(id);
    const doc = this.ids.length;
    this.ids.push(id);
    this.hashes.push(hash);
    this.docOf.set(id, doc);
    const counts = new Map<string, number>();
    for (const [word] of text.matchAll(WORDS)) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const [word, count] of counts) {
      let w = this.wordId.get(word);
      if (w === undefined) {
        w = this.words.length;
        this.words.push(word);
        this.wordId.set(word, w);
        this.lists.push(new Uint8Array(8));
        this.used.push(0);
        this.lastDoc.push(-1);
        this.vocabulary = null;
      }
      this.append(w, doc - this.lastDoc[w]!);
      this.append(w, count);
      this.lastDoc[w] = doc;
    }
  }

  remove(id: string): void {
    const doc = this.docOf.get(id);
    if (doc === undefined) return;
    this.docOf.delete(id);
    this.ids[doc] = '';
    this.deadCount++;
  }

  lookup(needle: string): WordLookup {
    if (isWordPart(needle)) {
      const counts = new Int32Array(this.ids.length);
      for (const [w, times] of this.wordsHolding(needle)) this.each(w, (doc, n) => (counts[doc]! += n * times));
      for (let doc = 0; doc < counts.length; doc++) if (this.ids[doc] === '') counts[doc] = 0;
      return { kind: 'counts', counts };
    }
    // A needle across words: every document must hold a word holding each of its words.
    const parts = [...needle.matchAll(WORDS)].map(([part]) => part);
    if (parts.length === 0) return { kind: 'any' };
    let docs: Uint8Array | null = null;
    for (const part of parts) {
      const here = new Uint8Array(this.ids.length);
      for (const [w] of this.wordsHolding(part))
        this.each(w, (doc) => (here[doc] = docs === null || docs[doc] ? 1 : 0));
      docs = here;
    }
    for (let doc = 0; doc < docs!.length; doc++) if (this.ids[doc] === '') docs![doc] = 0;
    return { kind: 'maybe', docs: docs! };
  }

  /** Each word holding the needle, with how many matches of the search's pattern it holds. */
  private wordsHolding(needle: string): Map<number, number> {
    const { text, starts } = this.joinedVocabulary();
    const found = new Map<number, number>();
    for (const match of text.matchAll(textPattern(needle))) {
      const w = wordAt(starts, match.index);
      found.set(w, (found.get(w) ?? 0) + 1);
    }
    return found;
  }

  /** The vocabulary as one text, a line a word ("\n" is no word character, so no match spans two words). */
  private joinedVocabulary(): { text: string; starts: Int32Array } {
    if (!this.vocabulary) {
      const starts = new Int32Array(this.words.length);
      let at = 0;
      for (const [w, word] of this.words.entries()) {
        starts[w] = at;
        at += word.length + 1;
      }
      this.vocabulary = { text: this.words.join('\n'), starts };
    }
    return this.vocabulary;
  }

  private each(w: number, visit: (doc: number, count: number) => void): void {
    const bytes = this.lists[w]!;
    const end = this.used[w]!;
    let at = 0;
    let doc = -1;
    while (at < end) {
      let delta = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[at++]!;
        delta += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
      }
      let count = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[at++]!;
        count += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
      }
      doc += delta;
      visit(doc, count);
    }
  }

  private append(w: number, value: number): void {
    let bytes = this.lists[w]!;
    let at = this.used[w]!;
    if (at + 5 > bytes.length) {
      const grown = new Uint8Array(Math.max(16, bytes.length * 2));
      grown.set(bytes.subarray(0, at));
      this.lists[w] = bytes = grown;
    }
    while (value >= 0x80) {
      bytes[at++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    bytes[at++] = value;
    this.used[w] = at;
  }

  /** The index as bytes, to keep it between runs: a header (documents, words) and the posting lists. */
  toBytes(): Uint8Array {
    const header = new TextEncoder().encode(
      JSON.stringify({ ids: this.ids, hashes: this.hashes, words: this.words, lastDoc: this.lastDoc }),
    );
    const total = this.used.reduce((sum, n) => sum + n, 0);
    const magic = new TextEncoder().encode(MAGIC);
    const out = new Uint8Array(magic.length + 4 + header.length + 4 * this.words.length + total);
    const view = new DataView(out.buffer);
    out.set(magic, 0);
    let at = magic.length;
    view.setUint32(at, header.length);
    out.set(header, (at += 4));
    at += header.length;
    for (const n of this.used) {
      view.setUint32(at, n);
      at += 4;
    }
    for (const [w, list] of this.lists.entries()) {
      out.set(list.subarray(0, this.used[w]), at);
      at += this.used[w]!;
    }
    return out;
  }

  /** The index `toBytes` gave; null when the bytes are not one (the caller builds it again). */
  static fromBytes(bytes: Uint8Array): WordIndex | null {
    try {
      const magic = new TextEncoder().encode(MAGIC);
      if (new TextDecoder().decode(bytes.subarray(0, magic.length)) !== MAGIC) return null;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let at = magic.length;
      const headerLength = view.getUint32(at);
      at += 4;
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(at, (at += headerLength)))) as {
        ids: string[];
        hashes: string[];
        words: string[];
        lastDoc: number[];
      };
      const index = new WordIndex();
      const lengths: number[] = [];
      for (let w = 0; w < header.words.length; w++, at += 4) lengths.push(view.getUint32(at));
      for (const [w, word] of header.words.entries()) {
        const n = lengths[w]!;
        // A view of exactly its bytes: the first append outgrows it and copies it (never writing past it).
        index.lists.push(bytes.subarray(at, at + n));
        at += n;
        index.words.push(word);
        index.wordId.set(word, w);
        index.used.push(n);
      }
      if (at !== bytes.length || header.lastDoc.length !== header.words.length) return null;
      for (const doc of header.lastDoc) index.lastDoc.push(doc);
      for (const [doc, id] of header.ids.entries()) {
        index.ids.push(id);
        index.hashes.push(header.hashes[doc]!);
        if (id === '') index.deadCount++;
        else index.docOf.set(id, doc);
      }
      return index;
    } catch {
      return null;
    }
  }
}

/** The word whose line holds `offset` of the joined vocabulary. */
function wordAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
