import { signIn } from "@/lib/auth/sign-in";

export const dynamic = "force-dynamic";

export const GET = signIn;
