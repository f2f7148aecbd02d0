/**
 * Whether a text has anything to search for: a Chinese character, or a word
 * or number of two characters or more ("5G", "AI"). "a", "？！" or an emoji
 * match nothing meaningful, and a search for them would return whatever
 * passage happens to score highest.
 */
export function hasSearchableContent(text: string): boolean {
  return /[\u3400-\u9fff]|[\p{L}\p{N}]{2}/u.test(text);
}
