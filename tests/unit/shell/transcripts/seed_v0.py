#! models: seed
#! mode: script
#! argv: shell -v 0
print(Post.objects.count())
