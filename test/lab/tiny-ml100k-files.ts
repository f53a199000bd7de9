// Two users' ratings of two movies in ml-100k's u.data / u.item layout, for the Lab's reading tests.
export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
export const item = (id: number, title: string): string =>
  `${id}|${title}|01-Jan-1990||u|${Array(19).fill("0").join("|")}\n`;
export const U_DATA = "1\t1\t5\t881250949\n1\t2\t3\t881250950\n2\t1\t4\t881250951\n";
export const U_ITEM = item(1, "A (1990)") + item(2, "B (1990)");
