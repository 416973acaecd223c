#include "base/threadname.h"

#include <pthread.h>
#include <string>

namespace interleave {

void nameThisThread(std::string_view name)
{
    const std::string shortened(name.substr(0, 15));
    pthread_setname_np(pthread_self(), shortened.c_str());
}

} // namespace interleave
