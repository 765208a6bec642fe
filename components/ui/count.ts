/** "1 relation", "2,600 annotations": a count with its noun in the right number. */
export const countOf = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
