export default function SignedOutPage() {
  return (
    <div className="mx-auto max-w-md space-y-3 py-10 text-center">
      <h1 className="text-xl font-semibold">You are signed out</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Your console session has ended. Your identity provider may still remember you, so signing in again can be a single click.</p>
      <a href="/auth/sign-in" className="text-indigo-700 hover:underline dark:text-indigo-300">
        Sign in again
      </a>
    </div>
  );
}
