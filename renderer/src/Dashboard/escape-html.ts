/** The text as HTML that shows it literally: `<img onerror=…>` stays letters, never an element. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
