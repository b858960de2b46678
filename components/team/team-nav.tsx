import Link from "next/link";

/** The header's links to what is not a gateway's: change requests and API tokens. */
export function TeamNav() {
  const link = "hover:text-zinc-900 dark:hover:text-zinc-100";
  return (
    <>
      <Link href="/change-requests" prefetch={false} className={link}>
        Change requests
      </Link>
      <Link href="/tokens" prefetch={false} className={link}>
        API tokens
      </Link>
    </>
  );
}
