#include "engine/workerprocess.h"

int main(int argc, char** argv)
{
    return interleave::runWorkerProcess(argc, argv);
}
