/** A form's error, announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}
