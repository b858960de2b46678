import Link from "next/link";
import { EmptyState } from "@/components/ui/states";

export default function NotFound() {
  return (
    <EmptyState title="This page does not exist">
      <Link href="/" className="text-indigo-700 hover:underline dark:text-indigo-300">
        Back to the gateways
      </Link>
    </EmptyState>
  );
}
