// Built by install_test.sh against an installed winnow (pkg-config): a page
// cleaned through the public headers alone, printed as `winnow clean` prints
// it, in text and then in JSON.
#include <winnow.h>

#include <iostream>

int main(int argc, char** argv) {
  winnow::RuleLibrary rules;
  winnow::RuleError error;
  std::string page, why;
  if (argc != 3 || !winnow::load_rules(argv[1], &rules, &error)) return winnow::kExitRules;
  if (!winnow::read_page(argv[2], winnow::kDefaultMaxPageBytes, &page, &why)) return winnow::kExitInput;
  const winnow::Article article = winnow::clean(rules, winnow::load_document(page), {});
  std::cout << article.text() << winnow::to_json(article) << "\n";
}
