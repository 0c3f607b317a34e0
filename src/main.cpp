#include <phoihop/cli/app.hpp>

int main(int argc, char** argv)
{
  return phoihop::cli::run(argc, argv);
}
