/** `application/json` or a `+json` type, parameters allowed; nothing that merely starts with the letters. */
export function isJsonMediaType(type: string | null): boolean {
  const essence = (type ?? "").split(";")[0].trim().toLowerCase();
  return essence === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

/** `application/x-www-form-urlencoded`, parameters allowed. */
export function isFormMediaType(type: string | null): boolean {
  return (type ?? "").split(";")[0].trim().toLowerCase() === "application/x-www-form-urlencoded";
}
