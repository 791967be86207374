#! models: seed
#! setup: seed
#! mode: command
print(Post.objects.count()); print(Tag.objects.all())
