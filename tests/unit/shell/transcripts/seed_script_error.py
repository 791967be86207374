#! models: seed
#! setup: seed
#! mode: script
print('before')
Post.objects.get(pk=42)
print('after')
