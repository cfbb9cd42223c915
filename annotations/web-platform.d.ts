/**
 * The few web-platform globals the pure core uses. They exist in browsers and
 * in Node ≥ 20 alike; declaring only these keeps the DOM out of the core.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const crypto: {
  readonly subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
  randomUUID(): string;
};
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
