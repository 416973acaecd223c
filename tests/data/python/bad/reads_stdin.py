number = int(input("a number: "))
print("twice that is", 2 * number)
