import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "./db";
import { settings } from "./schema";

export async function getSetting<T>(key: string, d?: Db): Promise<T | undefined> {
  const db = d ?? (await getDb());
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function putSetting(key: string, value: unknown, d?: Db): Promise<void> {
  const db = d ?? (await getDb());
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
