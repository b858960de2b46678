/** "1 target", "3 targets", "1 policy", "2 policies". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
