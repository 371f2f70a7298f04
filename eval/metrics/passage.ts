/** What retrieval and citation metrics need of a passage: where it comes from and its text. */
export interface Passage {
  source: string;
  text: string;
}
