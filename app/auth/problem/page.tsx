import { SIGN_IN_PROBLEMS, type SignInProblem } from "@/lib/auth/sign-in";

const MESSAGES: Record<SignInProblem, { title: string; text: string }> = {
  "sign-in-failed": { title: "Sign-in did not complete", text: "The identity provider's answer could not be verified, so you are not signed in. Try again; if it keeps failing, ask the console's administrator to check its sign-in settings." },
  "role-forbidden": { title: "No access to this console", text: "You are signed in at your identity provider, but your account has no role here (viewer, author, publisher or admin). Ask an administrator to add you to one of the console's groups." },
  "backend-unreachable": { title: "The identity provider cannot be reached", text: "The console could not reach the identity provider. Try again in a moment." },
  expired: { title: "The sign-in took too long", text: "The sign-in was not finished within 10 minutes, or was started in another browser. Start it again." },
};

export default async function SignInProblemPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const known = (SIGN_IN_PROBLEMS as readonly string[]).includes(reason ?? "") ? (reason as SignInProblem) : "sign-in-failed";
  const { title, text } = MESSAGES[known];
  return (
    <div className="mx-auto max-w-md space-y-3 py-10 text-center" role="alert">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{text}</p>
      <a href="/auth/sign-in" className="text-indigo-700 hover:underline dark:text-indigo-300">
        Sign in again
      </a>
    </div>
  );
}
