/** `n` and the noun, singular for one: "1 layer", "0 layers". */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The dashboard's title line: how many articles and layers its figures cover. */
export function dashboardHeading(articles: number, layers: number): string {
  return `${counted(articles, 'article')} · ${counted(layers, 'layer')}`;
}
