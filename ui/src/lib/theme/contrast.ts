// WCAG 2.x contrast from the theme's CSS variables: the colours are read from
// app.css itself, so a colour changed there is checked as written.

/** The custom properties declared in the first block `opening` starts. */
export function variablesIn(css: string, opening: RegExp): Record<string, string> {
  const start = css.search(opening);
  if (start < 0) throw new Error(`no block matches ${opening}`);
  const body = css.slice(css.indexOf('{', start) + 1);
  // A nested :root inside @media: its declarations end at the first closing brace.
  const block = body.slice(0, body.indexOf('}'));
  const variables: Record<string, string> = {};
  for (const match of block.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) {
    variables[match[1]] = match[2].trim();
  }
  return variables;
}

/** Relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(match[1].slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1–21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
